import 'reflect-metadata';
import { Controller, Get, Headers, HttpException, type INestApplication, Module, Param, Res, StreamableFile } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Response } from 'express';
import { type Authenticate, errorBody, openDownload } from '../download.js';
import { type StudentSource, formatOf, studentExport } from '../rows.js';

/**
 * NestJS 11 (on Express): the handler returns a `StreamableFile` over the export; Nest pipes it and
 * destroys the response when it fails after the headers. The first chunk is awaited first (see
 * `openDownload`), so an error before it is an HTTP error with a JSON body.
 * @example
 * const app = await createNestApp(() => cursorRows(pool), authenticate);
 * await app.listen(3000);
 */
export async function createNestApp(source: StudentSource, authenticate: Authenticate): Promise<INestApplication> {
  @Controller()
  class ExportsController {
    @Get('students.:format')
    async download(
      @Param('format') given: string,
      @Headers('authorization') authorization: string | undefined,
      @Res({ passthrough: true }) res: Response,
    ): Promise<StreamableFile> {
      if (!authenticate(authorization)) throw new HttpException(errorBody('UNAUTHORIZED'), 401);
      const format = formatOf(given);
      if (!format) throw new HttpException(errorBody('NOT_FOUND'), 404);
      const download = await openDownload(studentExport(source(), format), 'students', format).catch(() => {
        throw new HttpException(errorBody('EXPORT_FAILED'), 500);
      });
      res.set(download.headers);
      return new StreamableFile(download.body);
    }
  }
  @Module({ controllers: [ExportsController] })
  class ExportsModule {}
  return NestFactory.create(ExportsModule, { logger: false });
}
