import {approveCommand} from './approve.js';
import {cancelCommand} from './cancel.js';
import {claimCommand} from './claim.js';
import {configCommand} from './config.js';
import {deleteCommand} from './delete.js';
import {deliverCommand} from './deliver.js';
import {declineCommand, failCommand} from './give-up.js';
import {helpCommand} from './help.js';
import {inboxCommand} from './inbox.js';
import {jobsCommand} from './jobs.js';
import type {Command} from './kit/define-command.js';
import {biobankChoices, commonFlags, kebab, type FlagSpecs} from './kit/flags.js';
import {decryptCommand} from './decrypt.js';
import {encryptCommand} from './encrypt.js';
import {keysCommand} from './keys.js';
import {logoutCommand} from './logout.js';
import {policyCommand} from './policy.js';
import {resultsCommand} from './results.js';
import {returnCommand} from './return.js';
import {reviewCommand} from './review.js';
import {showCommand} from './show.js';
import {submitCommand} from './submit.js';
import {watchCommand} from './watch.js';
import {resubmitCommand} from './resubmit.js';

/** The flags of the terminal UI (`ivjm` without a command), beside the common ones. */
export const tuiFlags = {
	biobank: {
		type: 'string',
		value: 'B',
		help: "open this biobank's inbox (an analyst)",
		choices: biobankChoices,
	},
	dir: {type: 'string', value: 'D', help: "an analyst's work folder (default: setting workDir)"},
} as const satisfies FlagSpecs;

const scriptCommands: Command[] = [
	jobsCommand,
	showCommand,
	submitCommand,
	resubmitCommand,
	resultsCommand,
	cancelCommand,
	deleteCommand,
	inboxCommand,
	claimCommand,
	reviewCommand,
	deliverCommand,
	approveCommand,
	returnCommand,
	policyCommand,
	failCommand,
	declineCommand,
	watchCommand,
	keysCommand,
	encryptCommand,
	decryptCommand,
	configCommand,
	logoutCommand,
];

/** Every command (`ivjm <name> …`), each in a file of its own, and `help`. */
export const commands: Command[] = [...scriptCommands, helpCommand(scriptCommands, tuiFlags)];

export function findCommand(name: string): Command | undefined {
	return commands.find((command) => command.name === name);
}

/** The flags that take a value, in any command: what `splitCommandLine` must skip over. */
const valueFlags = new Set(
	[commonFlags, tuiFlags, ...commands.map((command) => command.flags)].flatMap((flags) =>
		Object.entries(flags)
			.filter(([, spec]) => spec.type !== 'boolean')
			.map(([name]) => `--${kebab(name)}`),
	),
);

/**
 * The command's name (the first word that is neither a flag nor a flag's value) and the rest:
 * `ivjm --bucket b jobs --json` is `jobs` with `--bucket b --json`.
 */
export function splitCommandLine(argv: readonly string[]): {name?: string; rest: string[]} {
	for (let index = 0; index < argv.length; index++) {
		const word = argv[index] ?? '';
		if (word === '--') break;
		if (!word.startsWith('-')) {
			return {name: word, rest: [...argv.slice(0, index), ...argv.slice(index + 1)]};
		}
		if (valueFlags.has(word)) index++;
	}
	return {rest: [...argv]};
}
