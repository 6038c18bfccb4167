import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsOfficeCode, IsProvinceCode } from '../../../infrastructure/http/validators.js';

export class CreateOfficeDto {
  @ApiProperty({ example: '06703', description: '5-digit office code (mã cơ quan BHXH)' })
  @IsOfficeCode()
  code!: string;

  @ApiProperty({ example: 'BHXH huyện Mẫu' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({
    example: '67',
    description: 'province code shared by the offices of one province',
  })
  @IsProvinceCode()
  provinceCode!: string;
}
