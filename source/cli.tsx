#!/usr/bin/env node
import {exitCodeFor} from './commands/exit-codes.js';
import {unknownCommand} from './commands/help.js';
import {reportError} from './commands/kit/error-report.js';
import {commonFlags, settingsFlagsOf} from './commands/kit/flags.js';
import {overviewHelp} from './commands/kit/help-text.js';
import {Output} from './commands/kit/output.js';
import {parseCommandLine} from './commands/kit/parse-command-line.js';
import {asksForHelp, runCommand} from './commands/kit/run-command.js';
import {commands, findCommand, splitCommandLine, tuiFlags} from './commands/registry.js';
import {openSession} from './session/open-session.js';
import {versionLine} from './build-info.js';

const argv = process.argv.slice(2);
const {name, rest} = splitCommandLine(argv);
const command = name === undefined ? undefined : findCommand(name);

if (command) {
	process.exitCode = await runCommand(command, rest, {
		stdout: process.stdout,
		stderr: process.stderr,
		openSession: (flags) => openSession(flags),
	});
} else if (name === undefined && (argv[0] === '--version' || argv[0] === '-V')) {
	new Output(process.stdout).lines(versionLine());
} else if (asksForHelp(argv) && name === undefined) {
	new Output(process.stdout).lines(...overviewHelp(commands, tuiFlags));
} else {
	try {
		if (name !== undefined) throw unknownCommand(name, commands);
		const {flags} = parseCommandLine(argv, {...commonFlags, ...tuiFlags});
		const report = (error: unknown) =>
			reportError(error, {
				json: false,
				debug: flags.debug,
				out: new Output(process.stdout),
				stderr: process.stderr,
			});
		const {runTui} = await import('./tui.js');
		await runTui({
			sessionFlags: settingsFlagsOf(flags),
			biobank: flags.biobank,
			dir: flags.dir,
			report,
		});
	} catch (error) {
		reportError(error, {
			json: argv.includes('--json'),
			debug: argv.includes('--debug'),
			out: new Output(process.stdout),
			stderr: process.stderr,
		});
		process.exitCode = exitCodeFor(error);
	}
}
