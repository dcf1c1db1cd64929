/**
 * `asbhub api-keys add --name NAME --partnership CODE [--rate N] [--json]`, `asbhub api-keys list`
 * and `asbhub api-keys revoke ID_OR_PREFIX`: keys for partner systems (FixMyStreet, other Open311
 * clients, the JSON API) without the admin page. A new key is printed once; only its hash is kept.
 */
import os from 'node:os';
import type { Command } from 'commander';
import { CliError } from '../../platform/cli-error.js';
import type { AppDeps } from '../../platform/module.js';

function printerFor(cmd: Command): (text: string) => void {
  const { writeOut } = cmd.configureOutput();
  return writeOut ? (text) => writeOut(text) : (text) => void process.stdout.write(text);
}

const who = () => `cli:${os.userInfo().username}`;

async function withPartnership<T>(
  code: string | undefined,
  fn: (deps: AppDeps, p: { id: string; name: string }) => Promise<T>,
) {
  const { withDeps } = await import('../../platform/cli.js');
  const { PartnershipRepository } = await import('../../partnership/repository.js');
  return withDeps(async (deps) => {
    const repo = new PartnershipRepository(deps.db, deps.clock);
    const p = code ? await repo.findByCode(code) : await repo.first();
    if (!p)
      throw new CliError(
        code
          ? `There is no partnership with the code ${code}`
          : 'The database holds no partnership yet: run asbhub seed first',
      );
    return fn(deps, p);
  });
}

export function registerApiKeysCli(program: Command): void {
  const group = program
    .command('api-keys')
    .description('API keys for partner systems (Open311 and the JSON API)');
  group
    .command('add')
    .description('Make a key for a partner system and print it (once: only its hash is kept)')
    .requiredOption('--name <name>', 'what the key is for, e.g. "FixMyStreet"')
    .requiredOption('--partnership <code>', 'partnership code')
    .option('--rate <n>', 'requests a minute the key may make', '120')
    .option('--json', 'print {"key": "...", "id": "...", "name": "..."}')
    .action(
      async (opts: { name: string; partnership: string; rate: string; json?: boolean }, cmd: Command) => {
        const name = opts.name.trim();
        if (!name || name.length > 100) throw new CliError('--name must be 1 to 100 characters');
        const rate = Number(opts.rate);
        if (!Number.isInteger(rate) || rate < 1 || rate > 10_000)
          throw new CliError(`--rate must be a whole number from 1 to 10000, got "${opts.rate}"`);
        const print = printerFor(cmd);
        const { ApiKeyService } = await import('./keys.js');
        await withPartnership(opts.partnership, async (deps, p) => {
          const made = await new ApiKeyService(deps).createFromCommandLine(p.id, name, rate, who());
          if (opts.json) return print(`${JSON.stringify({ key: made.key, id: made.id, name })}\n`);
          print(
            [
              `API key for ${name} (${p.name}), ${rate} requests a minute:`,
              '',
              `  ${made.key}`,
              '',
              'Copy it now: it is not shown again. Open311 endpoint: <base URL>/open311/v2/',
              '',
            ].join('\n'),
          );
        });
      },
    );
  group
    .command('list')
    .description("List a partnership's keys (prefix, name, limit, last used, revoked)")
    .option('--partnership <code>', 'partnership code (default: the first partnership)')
    .option('--json', 'print a JSON array')
    .action(async (opts: { partnership?: string; json?: boolean }, cmd: Command) => {
      const print = printerFor(cmd);
      const { ApiKeyRepository } = await import('./key-repository.js');
      await withPartnership(opts.partnership, async (deps, p) => {
        const keys = await new ApiKeyRepository(deps.db).list(p.id);
        const rows = keys.map((k) => ({
          id: k.id,
          prefix: k.key_prefix,
          name: k.name,
          ratePerMinute: k.rate_limit_per_minute,
          createdAt: k.created_at,
          lastUsedAt: k.last_used_at,
          revokedAt: k.revoked_at,
        }));
        if (opts.json) return print(`${JSON.stringify(rows)}\n`);
        if (!rows.length) return print(`${p.name} has no API keys\n`);
        for (const r of rows)
          print(
            `${r.prefix}  ${r.name}  ${r.ratePerMinute}/min  last used ${r.lastUsedAt ?? 'never'}${r.revokedAt ? `  REVOKED ${r.revokedAt}` : ''}\n`,
          );
      });
    });
  group
    .command('revoke')
    .description('Revoke a key by its id or prefix (the 8 characters after asbh_)')
    .argument('<id-or-prefix>')
    .option('--partnership <code>', 'partnership code (default: the first partnership)')
    .action(async (idOrPrefix: string, opts: { partnership?: string }, cmd: Command) => {
      const print = printerFor(cmd);
      const { ApiKeyService } = await import('./keys.js');
      await withPartnership(opts.partnership, async (deps, p) => {
        const key = await new ApiKeyService(deps).revokeFromCommandLine(p.id, idOrPrefix.trim(), who());
        if (!key) throw new CliError(`There is no live key ${idOrPrefix} in ${p.name}`);
        print(`Revoked ${key.key_prefix} (${key.name})\n`);
      });
    });
}
