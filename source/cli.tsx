#!/usr/bin/env node
import {render} from 'ink';
import meow from 'meow';
import {App} from './app.js';
import {openDemoStore} from './demo/open-demo-store.js';
import {TaskCache} from './jobs/task-cache.js';
import {enterAlternateScreen, leaveAlternateScreen} from './terminal-screen.js';
import type {Session} from './ui/session.js';

const cli = meow(
	`
	Usage
	  $ ivjm [options]

	Options
	  --store local:DIR   use a local folder as the object store (default: the demo store)
	  --user NAME         your CSC user name (demo store: jdoe)
	  --debug             show stack traces of unexpected errors

	Keys
	  ? help   esc back   q quit
`,
	{
		importMeta: import.meta,
		flags: {
			store: {type: 'string'},
			user: {type: 'string'},
			debug: {type: 'boolean', default: false},
		},
	},
);

function fail(error: unknown): never {
	leaveAlternateScreen();
	const message = error instanceof Error ? error.message : String(error);
	process.stderr.write(`ivjm: ${message}\n`);
	if (cli.flags.debug && error instanceof Error && error.stack)
		process.stderr.write(error.stack + '\n');
	process.exit(1);
}

process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

const opened = await openDemoStore({store: cli.flags.store, user: cli.flags.user});
const session: Session = {...opened, tasks: new TaskCache(), refreshSeconds: 15};

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
