import type { ErrorRequestHandler } from 'express';
import { ConflictError, DomainError, InputError, TooManyRequestsError } from '../errors/domain-errors';
import type { Logger } from '../logger';
import { sendProblem } from './problem';

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

/** The one place where errors become HTTP: domain errors to their status, anything else to a logged 500. */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const instance = req.originalUrl.split('?')[0];
    if (err instanceof DomainError) {
      if (err instanceof TooManyRequestsError) res.setHeader('Retry-After', String(err.retryAfterSeconds));
      if (err.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="environment-manager"');
      return sendProblem(res, {
        ...err.extensions,
        ...(err.problemType ? { type: err.problemType } : {}),
        title: err.title,
        status: err.status,
        detail: err.message,
        instance,
        errors:
          (err instanceof InputError || err instanceof ConflictError) && err.errors.length
            ? err.errors
            : undefined,
        referrers: err instanceof ConflictError && err.referrers.length ? err.referrers : undefined,
      });
    }
    const parserError = err as BodyParserError;
    switch (parserError?.type) {
      case 'entity.parse.failed':
        return sendProblem(res, {
          title: 'Bad request',
          status: 400,
          detail: 'the body is not valid JSON',
          instance,
          errors: [{ field: 'body', message: 'is not valid JSON' }],
        });
      case 'entity.too.large':
        return sendProblem(res, {
          title: 'Payload too large',
          status: 413,
          detail: `the body is larger than the limit of ${parserError.limit ?? '?'} bytes`,
          instance,
        });
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return sendProblem(res, {
          title: 'Unsupported media type',
          status: 415,
          detail: 'use UTF-8 JSON',
          instance,
        });
      case 'request.aborted':
        return;
    }
    logger.error('unhandled error', {
      requestId: res.locals['requestId'],
      path: instance,
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
    sendProblem(res, {
      title: 'Internal error',
      status: 500,
      detail: `something went wrong on our side; quote request id ${String(res.locals['requestId'])}`,
      instance,
    });
  };
}
