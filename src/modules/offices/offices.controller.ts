import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateOfficeDto } from './dto/create-office.dto.js';
import { OfficesService } from './offices.service.js';

@ApiTags('offices')
@Controller('offices')
export class OfficesController {
  constructor(private readonly offices: OfficesService) {}

  @Get()
  async list() {
    return { items: await this.offices.list() };
  }

  @Post()
  @HttpCode(201)
  create(@Body() body: CreateOfficeDto) {
    return this.offices.create(body);
  }
}
