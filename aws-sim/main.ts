import path from 'node:path';
import { z } from 'zod';
import { AccountDeclarationSchema } from './accounts/accounts';
import { startAwsSim } from './aws-sim';

/** `npm run sim`: aws-sim alone, on EM_AWS_SIM_PORT, keeping state under EM_DATA_DIR. */
const Env = z.object({
  EM_AWS_SIM_PORT: z.coerce.number().int().min(0).max(65535).default(4566),
  EM_DATA_DIR: z.string().min(1).default('./data'),
  EM_SIM_MS_PER_SECOND: z.coerce.number().min(1).max(10_000).default(1000),
  /** Accounts besides the default one: `210987654321=prod,345678901234=staging`. */
  EM_AWS_SIM_ACCOUNTS: z
    .string()
    .default('')
    .transform((text) =>
      text
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean)
        .map((entry) => {
          const [accountId, ...name] = entry.split('=');
          return { accountId, name: name.join('=') || accountId };
        }),
    )
    .pipe(z.array(AccountDeclarationSchema)),
  AWS_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/)
    .default('eu-west-1'),
});

const parsed = Env.safeParse(process.env);
if (!parsed.success) {
  process.stderr.write(
    `Invalid configuration:\n  ${parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('\n  ')}\n`,
  );
  process.exit(2);
}
const env = parsed.data;
const sim = await startAwsSim({
  port: env.EM_AWS_SIM_PORT,
  dataDir: path.resolve(env.EM_DATA_DIR),
  msPerSecond: env.EM_SIM_MS_PER_SECOND,
  region: env.AWS_REGION,
  accounts: env.EM_AWS_SIM_ACCOUNTS,
});
process.stdout.write(
  `aws-sim listening at ${sim.endpoint} (control API at ${sim.endpoint}/_sim/listeners)\n`,
);
const stop = async () => {
  await sim.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
