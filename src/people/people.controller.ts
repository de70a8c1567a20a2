import { Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { EventAccessGuard } from '../events/event-access.guard';
import { IdParam } from '../platform/http/id-param.pipe';
import { pageQuerySchema } from '../platform/http/pagination';
import { ApiZodBody, ZodBody, ZodQuery } from '../platform/http/zod-body.decorator';
import { PersonInput, personSchema } from './dto/person-fields';
import { UpdatePersonInput, updatePersonSchema } from './dto/update-person.dto';
import { PeopleService } from './people.service';
import { personResponse } from './person.response';
import { ApiZodResponse } from '../platform/http/openapi/openapi-metadata';
import { pageOf } from '../platform/http/openapi/response-fields';

const peopleQuerySchema = pageQuerySchema.extend({ q: z.string().trim().max(200).optional() });

@ApiTags('people')
@Controller('events/:eventId/people')
@UseGuards(EventAccessGuard)
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Post()
  @ApiZodResponse(personResponse, 'The person.')
  @ApiZodBody(personSchema)
  create(@Param('eventId') eventId: string, @ZodBody(personSchema) body: PersonInput) {
    return this.people.create(eventId, body);
  }

  @Get()
  @ApiZodResponse(pageOf(personResponse), "The event's people.")
  list(@Param('eventId') eventId: string, @ZodQuery(peopleQuerySchema) query: z.infer<typeof peopleQuerySchema>) {
    return this.people.list(eventId, query);
  }

  @Get(':personId')
  @ApiZodResponse(personResponse, 'The person.')
  get(@Param('eventId') eventId: string, @Param('personId', new IdParam('person')) personId: string) {
    return this.people.get(eventId, personId);
  }

  @Patch(':personId')
  @ApiZodResponse(personResponse, 'The changed person.')
  @ApiZodBody(updatePersonSchema)
  update(
    @Param('eventId') eventId: string,
    @Param('personId', new IdParam('person')) personId: string,
    @ZodBody(updatePersonSchema) body: UpdatePersonInput,
  ) {
    return this.people.update(eventId, personId, body);
  }

  @Delete(':personId')
  @HttpCode(204)
  remove(@Param('eventId') eventId: string, @Param('personId', new IdParam('person')) personId: string) {
    return this.people.remove(eventId, personId);
  }
}
