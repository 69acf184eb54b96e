import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, statSync} from 'node:fs';
import {basename, join} from 'node:path';
import {ivjmPaths} from '../../../../config/paths.js';
import type {PickedFile} from './request-draft.js';

export type EditorOutcome = {ok: true; file: PickedFile} | {ok: false; reason: string};

/** The editor a person chose: `$VISUAL`, else `$EDITOR` (either may carry arguments). */
export function chosenEditor(environment: NodeJS.ProcessEnv = process.env): string | undefined {
	return [environment.VISUAL, environment.EDITOR].find((value) => value && value.trim() !== '');
}

/**
 * Opens the person's editor on the instructions in the terminal, as git does for a commit
 * message, and picks the file when something was written. The file lives in a draft folder of
 * its own (`<XDG state>/ivjm/drafts/<random>/instructions.md`, 0700), so the text is kept if the
 * submit fails; `existing` opens that draft again. The editor has the terminal meanwhile: ivjm
 * waits (spawnSync), then takes raw mode and its screen back and repaints it whole.
 */
export function writeInstructionsInEditor(
	existing?: PickedFile,
	environment: NodeJS.ProcessEnv = process.env,
): EditorOutcome {
	const editor = chosenEditor(environment);
	if (!editor) {
		return {
			ok: false,
			reason: 'Set $EDITOR or $VISUAL to write the instructions here, or type a file path.',
		};
	}

	const path = existing?.path ?? newDraft(environment);
	const terminal = process.stdout.isTTY && process.stdin.isTTY;
	if (terminal) process.stdin.setRawMode(false);
	// `sh -c '<editor> "$1"'`: an editor with arguments ("code --wait") works, the path is one word.
	const run = spawnSync('/bin/sh', ['-c', `${editor} "$1"`, 'sh', path], {
		stdio: 'inherit',
		env: environment,
	});
	if (terminal) {
		process.stdin.setRawMode(true);
		// Many editors leave the alternate screen on exit: back onto it, and a whole repaint.
		process.stdout.write('\u001B[?1049h\u001B[H\u001B[2J');
		process.stdout.emit('resize');
	}

	if (run.error) return {ok: false, reason: `${editor} could not start: ${run.error.message}`};
	if (run.status !== 0) {
		return {
			ok: false,
			reason: `${editor} exited with ${run.status ?? run.signal}; nothing was added.`,
		};
	}

	const text = readFileSync(path, {encoding: 'utf8', flag: 'a+'});
	if (text.trim() === '')
		return {ok: false, reason: 'The instructions are empty; nothing was added.'};
	return {ok: true, file: {path, name: basename(path), bytes: statSync(path).size}};
}

function newDraft(environment: NodeJS.ProcessEnv): string {
	const state = environment.XDG_STATE_HOME
		? join(environment.XDG_STATE_HOME, 'ivjm')
		: ivjmPaths().state;
	const drafts = join(state, 'drafts');
	mkdirSync(drafts, {recursive: true, mode: 0o700});
	return join(mkdtempSync(join(drafts, 'request-')), 'instructions.md');
}
