import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { IsOfficeCode, IsProvinceCode } from '../../../infrastructure/http/validators.js';
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
  @IsOfficeCode({ each: true })
  offices?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['67'],
    description: 'province codes: every office of the province',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsProvinceCode({ each: true })
  provinces?: string[];
}
