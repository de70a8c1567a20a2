import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { Language, fromAcceptLanguage, isLanguage } from './i18n/languages';
import { COOKIES, readCookie, setCookie } from './web-cookies';

declare module 'express-serve-static-core' {
  interface Request {
    language?: Language;
    /** The visitor chose it (link or cookie), so it beats a language stored for the person. */
    languageChosen?: boolean;
  }
}

const YEAR_MS = 365 * 24 * 3600 * 1000;

/** `?lang=` (remembered in a cookie), then that cookie, then Accept-Language, then English. */
@Injectable()
export class LanguageMiddleware implements NestMiddleware {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const asked = req.query.lang;
    if (isLanguage(asked)) {
      setCookie(res, this.config.publicUrl, COOKIES.language, asked, { maxAge: YEAR_MS });
      req.language = asked;
      req.languageChosen = true;
      return next();
    }
    const remembered = readCookie(req, COOKIES.language);
    if (isLanguage(remembered)) {
      req.language = remembered;
      req.languageChosen = true;
      return next();
    }
    req.language = fromAcceptLanguage(req.headers['accept-language']) ?? 'en';
    req.languageChosen = false;
    next();
  }
}
