import type {Role} from '../config/defaults.js';
import type {Screen} from './navigation.js';
import {analystStart} from './screens/analyst/analyst-start.js';

/**
 * The screens the TUI opens on. `--biobank` opens that inbox; else the config file's `role`
 * (and, for an analyst, `biobank`) skips the pickers a person would answer the same way every
 * day. The pickers stay under the opened screen, so esc still reaches them.
 */
export function startScreens(choice: {
	biobankFlag?: unknown;
	role?: Role;
	biobank?: string;
}): Screen[] | undefined {
	const fromFlag = analystStart(choice.biobankFlag);
	if (fromFlag) return fromFlag;
	if (choice.role === 'researcher') return [{name: 'role'}, {name: 'researcher'}];
	if (choice.role === 'analyst') {
		return analystStart(choice.biobank) ?? [{name: 'role'}, {name: 'analyst-biobank'}];
	}
	return undefined;
}
