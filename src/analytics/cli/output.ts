import type { Command } from 'commander';

/** Where a command prints: commander's configured writeOut (stdout unless a test redirects it). */
export type Print = (text: string) => void;

export function printerFor(cmd: Command): Print {
  const { writeOut } = cmd.configureOutput();
  return writeOut ? (text) => writeOut(text) : (text) => void process.stdout.write(text);
}
