import type {ListCommand} from '../../keys.js';

/** Cursor and scroll window of a list: pure, so it is tested without rendering. */
export type ChoiceState = {cursor: number; offset: number};

export const initialChoiceState: ChoiceState = {cursor: 0, offset: 0};

export type MoveCommand = Exclude<ListCommand, 'open'>;

export function moveChoice(
	state: ChoiceState,
	command: MoveCommand,
	count: number,
	windowSize: number,
): ChoiceState {
	if (count === 0) return initialChoiceState;
	const page = Math.max(1, windowSize - 1);
	const targets: Record<MoveCommand, number> = {
		up: state.cursor - 1,
		down: state.cursor + 1,
		pageUp: state.cursor - page,
		pageDown: state.cursor + page,
		first: 0,
		last: count - 1,
	};
	return clampChoice({cursor: targets[command], offset: state.offset}, count, windowSize);
}

/** Keeps the cursor on an existing row and the window around the cursor. */
export function clampChoice(state: ChoiceState, count: number, windowSize: number): ChoiceState {
	if (count === 0) return initialChoiceState;
	const cursor = Math.min(Math.max(state.cursor, 0), count - 1);
	const size = Math.max(1, windowSize);
	let offset = Math.min(Math.max(state.offset, 0), Math.max(0, count - size));
	if (cursor < offset) offset = cursor;
	if (cursor >= offset + size) offset = cursor - size + 1;
	return {cursor, offset};
}

/**
 * The choice after the rows changed: the cursor on the row with `key` again wherever it went,
 * on the same line of the window where it can be; if that row is gone, on the same line.
 */
export function followRow(
	state: ChoiceState,
	keys: readonly string[],
	key: string | undefined,
	windowSize: number,
): ChoiceState {
	const index = key === undefined ? -1 : keys.indexOf(key);
	if (index === -1 || index === state.cursor) return clampChoice(state, keys.length, windowSize);
	return clampChoice(
		{cursor: index, offset: state.offset + (index - state.cursor)},
		keys.length,
		windowSize,
	);
}
