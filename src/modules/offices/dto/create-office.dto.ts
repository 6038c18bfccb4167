import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

export class CreateOfficeDto {
  @ApiProperty({ example: '06703', description: '5-digit office code (mã cơ quan BHXH)' })
  @Matches(/^\d{5}$/, { message: 'code must be 5 digits, e.g. 06703' })
  code!: string;

  @ApiProperty({ example: 'BHXH huyện Mẫu' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({
    example: '67',
    description: 'province code shared by the offices of one province',
  })
  @Matches(/^\d{2,5}$/, { message: 'provinceCode must be 2 to 5 digits' })
  provinceCode!: string;
}
