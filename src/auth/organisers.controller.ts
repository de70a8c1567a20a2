import { Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ZodBody } from '../platform/http/zod-body.decorator';
import { AdminOnly } from './auth.decorators';
import { CreateOrganiserInput, createOrganiserSchema } from './dto/create-organiser.dto';
import { OrganisersService } from './organisers.service';
import { organiserResponse } from './organiser.response';
import { ApiZodResponse } from '../platform/http/openapi/openapi-metadata';
import { pageOf } from '../platform/http/openapi/response-fields';

@ApiTags('organisers')
@Controller('organisers')
@AdminOnly()
export class OrganisersController {
  constructor(private readonly organisers: OrganisersService) {}

  @Post()
  @ApiZodResponse(organiserResponse, 'The new account.')
  @ApiZodBody(createOrganiserSchema)
  create(@ZodBody(createOrganiserSchema) body: CreateOrganiserInput) {
    return this.organisers.create(body);
  }

  @Get()
  @ApiZodResponse(pageOf(organiserResponse), 'Every organiser account.')
  async list() {
    return { items: await this.organisers.list(), nextCursor: null };
  }
}
