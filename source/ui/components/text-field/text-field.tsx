import {Text} from '../../../text/screen-text.js';
import {useEffect, useRef, useState} from 'react';
import {tone} from '../../theme.js';
import {editText, type TextFieldState} from './text-field-state.js';
import {useKeys} from '../../hooks/use-keys.js';

export type TextFieldProps = {
	value: string;
	onChange: (value: string) => void;
	onSubmit?: (value: string) => void;
	placeholder?: string;
	/** Masks the value, for passwords. */
	mask?: string;
	isActive?: boolean;
};

/**
 * A one-line text field. Not ink-text-input: that component edits the value it was rendered
 * with, so keys arriving in one chunk (fast typing, a paste, a held backspace) all edit the same
 * stale text and all but one are lost. Here the text lives in a ref, updated key by key.
 */
export function TextField({
	value,
	onChange,
	onSubmit,
	placeholder,
	mask,
	isActive = true,
}: TextFieldProps) {
	const state = useRef<TextFieldState>({value, cursor: value.length});
	const [, rerender] = useState(0);
	const submitted = useRef(false);
	submitted.current = false;
	// Follows the `value` prop when it changes, not on mount: keys typed before the first passive
	// effect ran (right after the field appeared) would otherwise be wiped by the initial value.
	// A value this field sent up itself and that comes back late (keys arrive one per turn of the
	// event loop, faster than the form re-renders) is an echo, not a change: taking it would drop
	// the keys typed since.
	const shownValue = useRef(value);
	const sent = useRef<string[]>([]);
	useEffect(() => {
		if (value === shownValue.current) return;
		shownValue.current = value;
		const echo = sent.current.indexOf(value);
		if (echo !== -1) {
			sent.current = sent.current.slice(echo + 1);
			return;
		}
		sent.current = [];
		if (value !== state.current.value) {
			state.current = {value, cursor: Math.min(state.current.cursor, value.length)};
			rerender((count) => count + 1);
		}
	}, [value]);

	// The field uses up what it edits with (letters, so `q` and `?` are text here); enter when it
	// submits; esc, tab, ↑↓ and Ctrl-C go on to the form or the app.
	useKeys(
		(input, key) => {
			// After enter the form usually moves on; keys typed before it re-rendered belong to
			// the next field, not this one, so this field takes none until it renders again.
			if (submitted.current) return false;
			if (key.return) {
				submitted.current = onSubmit !== undefined;
				onSubmit?.(state.current.value);
				return onSubmit !== undefined;
			}
			if (key.escape || key.tab || key.upArrow || key.downArrow) return false;
			if (key.ctrl && input === 'c') return false;
			const next = editText(state.current, input, key);
			if (next === state.current) return !key.ctrl && !key.meta && input !== '';
			const changed = next.value !== state.current.value;
			state.current = next;
			rerender((count) => count + 1);
			if (changed) {
				sent.current.push(next.value);
				if (sent.current.length > 64) sent.current.shift();
				onChange(next.value);
			}
			return true;
		},
		{isActive},
	);

	const {value: text, cursor} = state.current;
	if (text === '' && placeholder) {
		return (
			<Text>
				{isActive ? <Text inverse>{placeholder[0]}</Text> : null}
				<Text color={tone('muted')}>{isActive ? placeholder.slice(1) : placeholder}</Text>
			</Text>
		);
	}
	const shown = mask === undefined ? text : mask.repeat(text.length);
	return (
		<Text>
			{shown.slice(0, cursor)}
			{isActive ? <Text inverse>{shown[cursor] ?? ' '}</Text> : (shown[cursor] ?? '')}
			{shown.slice(cursor + 1)}
		</Text>
	);
}
