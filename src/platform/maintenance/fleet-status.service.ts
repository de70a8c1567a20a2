import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FleetStatus, readFleetStatus } from './fleet-status';

/** The workers' heartbeats and the maintenance schedule, for pages that show them beside other data. */
@Injectable()
export class FleetStatusService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  read(): Promise<FleetStatus> {
    return readFleetStatus((text, params) => this.db.query(text, params));
  }
}
