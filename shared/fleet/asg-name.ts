import { z } from 'zod';

/** An Auto Scaling group's name, as AWS allows it (and nothing a path or a query could be tricked with). */
export const AsgName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/, 'must be an Auto Scaling group name');
