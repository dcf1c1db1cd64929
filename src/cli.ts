import { Command, CommanderError } from 'commander';
import { commandRegistrations, withServices } from './commands.js';
import { CliError } from './platform/cli-error.js';

export function buildProgram(): Command {
  const program = new Command('asbhub')
    .description('ASB Hub: the multi-agency anti-social behaviour service')
    .showHelpAfterError();
  for (const register of commandRegistrations) register(program, withServices);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  const program = buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    if (err instanceof CliError) {
      process.stderr.write(`Error: ${err.message}\n`);
      process.exitCode = err.code;
      return;
    }
    throw err;
  }
}

await runCli(process.argv);
