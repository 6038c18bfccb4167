import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ChangePasswordDto {
  @ApiProperty({ description: 'the password signed in with (a one-time one after a reset)' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword!: string;

  @ApiProperty({ example: 'a new long passphrase' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  newPassword!: string;
}
