import { PipeTransform } from '@nestjs/common';
import { INT4_MAX } from '../database/int4';
import { Problem } from './problem';

/**
 * A 1-based number in the path (an agenda version) that is not a whole number
 * an integer column can hold names nothing: 404, like an unknown one.
 */
export class NumberParam implements PipeTransform<string, number> {
  constructor(private readonly what: string) {}

  transform(value: string): number {
    const number = /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : Number.NaN;
    if (!(number <= INT4_MAX)) throw Problem.notFound(`No ${this.what} ${value}`);
    return number;
  }
}
