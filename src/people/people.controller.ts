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

const peopleQuerySchema = pageQuerySchema.extend({ q: z.string().trim().max(200).optional() });

@ApiTags('people')
@Controller('events/:eventId/people')
@UseGuards(EventAccessGuard)
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Post()
  @ApiZodBody(personSchema)
  create(@Param('eventId') eventId: string, @ZodBody(personSchema) body: PersonInput) {
    return this.people.create(eventId, body);
  }

  @Get()
  list(@Param('eventId') eventId: string, @ZodQuery(peopleQuerySchema) query: z.infer<typeof peopleQuerySchema>) {
    return this.people.list(eventId, query);
  }

  @Get(':personId')
  get(@Param('eventId') eventId: string, @Param('personId', new IdParam('person')) personId: string) {
    return this.people.get(eventId, personId);
  }

  @Patch(':personId')
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
