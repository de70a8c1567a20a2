import { MiddlewareConsumer, Type } from '@nestjs/common';
import express from 'express';
import { LanguageMiddleware } from './language.middleware';

/** Form parsing and language negotiation for a module's page controllers. */
export function applyPageMiddleware(consumer: MiddlewareConsumer, controllers: Type[]): void {
  consumer.apply(express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 500 }), LanguageMiddleware).forRoutes(...controllers);
}
