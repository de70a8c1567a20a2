import { Global, Module } from '@nestjs/common';
import { DatabaseHealthService } from './database-health.service';
import { TransactionService } from './transaction.service';

@Global()
@Module({ providers: [TransactionService, DatabaseHealthService], exports: [TransactionService, DatabaseHealthService] })
export class DatabaseModule {}
