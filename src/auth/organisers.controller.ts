import { Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ZodBody } from '../platform/http/zod-body.decorator';
import { AdminOnly } from './auth.decorators';
import { CreateOrganiserInput, createOrganiserSchema } from './dto/create-organiser.dto';
import { OrganisersService } from './organisers.service';

@ApiTags('organisers')
@Controller('organisers')
@AdminOnly()
export class OrganisersController {
  constructor(private readonly organisers: OrganisersService) {}

  @Post()
  @ApiZodBody(createOrganiserSchema)
  create(@ZodBody(createOrganiserSchema) body: CreateOrganiserInput) {
    return this.organisers.create(body);
  }

  @Get()
  async list() {
    return { items: await this.organisers.list(), nextCursor: null };
  }
}
