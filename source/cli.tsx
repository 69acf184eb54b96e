#!/usr/bin/env node
import meow from 'meow';
import {exitCodeFor, exitCodes} from './commands/exit-codes.js';
import {commands, findCommand} from './commands/registry.js';
import {openSession} from './session/open-session.js';
import type {SessionFlags} from './session/prepare-sign-in.js';
import {displayMessage} from './text/display-text.js';

const cli = meow(
	`
	Usage
	  $ ivjm [options]            the full-screen terminal UI
	  $ ivjm <command> [options]  one step, for scripts

	Commands
${commands.map((command) => `	  ${command.usage.padEnd(40)} ${command.summary}`).join('\n')}

	Options
	  --store STORE       swift, demo, or local:DIR (a local folder as the object store);
	                      default: Swift when sign-in settings exist, else the demo store
	  --user NAME         your CSC user name (demo store: jdoe)
	  --project PROJECT   CSC project name or id (default project_2004504)
	  --auth-url URL      Keystone URL (default https://pouta.csc.fi:5001/v3)
	  --bucket NAME       bucket (default <project>-intervene-tasks)
	  --cloud NAME        an entry of clouds.yaml (as OS_CLOUD)
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
			project: {type: 'string'},
			authUrl: {type: 'string'},
			bucket: {type: 'string'},
			cloud: {type: 'string'},
			check: {type: 'boolean', default: false},
			biobank: {type: 'string'},
			dir: {type: 'string'},
			reason: {type: 'string'},
			task: {type: 'string'},
			input: {type: 'string', isMultiple: true},
			yes: {type: 'boolean', default: false},
			notMine: {type: 'boolean', default: false},
			json: {type: 'boolean', default: false},
			debug: {type: 'boolean', default: false},
		},
	},
);

function report(error: unknown): void {
	const message = error instanceof Error ? error.message : String(error);
	// Messages quote names and reasons from the bucket: cleaned like every other such text.
	process.stderr.write(`ivjm: ${displayMessage(message)}\n`);
	if (cli.flags.debug && error instanceof Error && error.stack)
		process.stderr.write(error.stack + '\n');
}

const sessionFlags: SessionFlags = {
	store: cli.flags.store,
	user: cli.flags.user,
	project: cli.flags.project,
	authUrl: cli.flags.authUrl,
	bucket: cli.flags.bucket,
	cloud: cli.flags.cloud,
};

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
			openSession: () => openSession(sessionFlags),
			stdout: process.stdout,
			stderr: process.stderr,
		});
	} catch (error) {
		report(error);
		process.exitCode = exitCodeFor(error);
	}
} else {
	const {runTui} = await import('./tui.js');
	await runTui({
		sessionFlags,
		biobank: cli.flags.biobank,
		dir: cli.flags.dir,
		report,
	});
}
