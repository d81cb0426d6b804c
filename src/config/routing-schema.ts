import { z } from 'zod';
import { fraction, integer, MS_PER_DAY, MS_PER_HOUR } from './schema-fields.ts';

/** `routing:` — gateway-wide breaker and health-check settings (routes carry their own retry and hedge). */
export const routingSchema = z.strictObject({
  breaker: z
    .strictObject({
      consecutive_failures: integer(1, 1000).nullish(),
      error_rate: fraction.nullish(),
      min_requests: integer(1, 1_000_000).nullish(),
      window_ms: integer(1000, MS_PER_DAY).nullish(),
      open_ms: integer(1, MS_PER_DAY).nullish(),
      max_open_ms: integer(1, MS_PER_DAY).nullish(),
    })
    .nullish(),
  health_checks: z
    .strictObject({
      interval_ms: integer(0, MS_PER_DAY).nullish(),
      timeout_ms: integer(1, MS_PER_HOUR).nullish(),
    })
    .nullish(),
});
