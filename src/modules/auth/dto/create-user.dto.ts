import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { USER_ROLES, type UserRole } from '../user.entity.js';

export class CreateUserDto {
  @ApiProperty({ example: 'officer@bhxh.example' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ description: 'at least 10 characters' })
  @IsString()
  @MaxLength(200)
  password!: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES as readonly string[], {
    message: `role must be one of ${USER_ROLES.join(', ')}`,
  })
  role!: UserRole;

  @ApiPropertyOptional({
    type: [String],
    example: ['06703'],
    description: 'office codes the user works in',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(/^\d{5}$/, { each: true, message: 'each office must be a 5-digit office code' })
  offices?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['67'],
    description: 'province codes: every office of the province',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(/^\d{2,5}$/, {
    each: true,
    message: 'each province must be a 2 to 5 digit province code',
  })
  provinces?: string[];
}
