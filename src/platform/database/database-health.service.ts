import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Whether the database answers, for the health endpoint. */
@Injectable()
export class DatabaseHealthService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Rejects with the driver's error when the database does not answer. */
  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }
}
