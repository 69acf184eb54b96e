#!/usr/bin/env node
import {render} from 'ink';
import meow from 'meow';
import {App} from './app.js';
import {exitCodeFor, exitCodes} from './commands/exit-codes.js';
import {commands, findCommand} from './commands/registry.js';
import {openSession} from './open-session.js';
import {enterAlternateScreen, leaveAlternateScreen} from './terminal-screen.js';

const cli = meow(
	`
	Usage
	  $ ivjm [options]            the full-screen terminal UI
	  $ ivjm <command> [options]  one step, for scripts

	Commands
${commands.map((command) => `	  ${command.usage.padEnd(40)} ${command.summary}`).join('\n')}

	Options
	  --store local:DIR   use a local folder as the object store (default: the demo store)
	  --user NAME         your CSC user name (demo store: jdoe)
	  --json              machine-readable output (commands)
	  --debug             show stack traces of unexpected errors

	Keys
	  ? help   esc back   q quit
`,
	{
		importMeta: import.meta,
		allowUnknownFlags: true,
		flags: {
			store: {type: 'string'},
			user: {type: 'string'},
			json: {type: 'boolean', default: false},
			debug: {type: 'boolean', default: false},
		},
	},
);

function report(error: unknown): void {
	const message = error instanceof Error ? error.message : String(error);
	process.stderr.write(`ivjm: ${message}\n`);
	if (cli.flags.debug && error instanceof Error && error.stack)
		process.stderr.write(error.stack + '\n');
}

const [name, ...args] = cli.input;
if (name !== undefined) {
	const command = findCommand(name);
	if (!command) {
		process.stderr.write(`ivjm: no command ${name}; see ivjm --help\n`);
		process.exit(exitCodes.usage);
	}
	try {
		process.exitCode = await command.run({
			args,
			flags: cli.flags,
			openSession: () => openSession(cli.flags),
			stdout: process.stdout,
			stderr: process.stderr,
		});
	} catch (error) {
		report(error);
		process.exitCode = exitCodeFor(error);
	}
} else {
	const fail = (error: unknown): never => {
		leaveAlternateScreen();
		report(error);
		process.exit(1);
	};
	process.on('uncaughtException', fail);
	process.on('unhandledRejection', fail);

	const session = await openSession(cli.flags);
	enterAlternateScreen();
	const instance = render(<App session={session} />, {exitOnCtrlC: false});
	for (const [signal, code] of [
		['SIGTERM', 143],
		['SIGHUP', 129],
	] as const) {
		process.once(signal, () => {
			instance.unmount();
			leaveAlternateScreen();
			process.exit(code);
		});
	}
	await instance.waitUntilExit();
	leaveAlternateScreen();
}
