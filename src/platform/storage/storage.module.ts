import { Logger, Module } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { FILE_STORAGE, FileStorage } from './file-storage';
import { LocalDirectoryStorage } from './local-directory-storage';

const ABANDONED_AFTER_MS = 24 * 3_600_000;

/** Provides FILE_STORAGE: `<data dir>/materials` unless another store is bound to the token. */
@Module({
  providers: [
    {
      provide: FILE_STORAGE,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig): Promise<FileStorage> => {
        const storage = new LocalDirectoryStorage(join(config.dataDir, 'materials'));
        const removed = await storage.removeAbandoned(ABANDONED_AFTER_MS);
        if (removed > 0) new Logger('FileStorage').warn(`removed ${removed} half-written upload(s) left by a stopped process`);
        return storage;
      },
    },
  ],
  exports: [FILE_STORAGE],
})
export class StorageModule {}
