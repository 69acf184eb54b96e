import {Text} from '../../../text/screen-text.js';
import type {TextFieldState} from '../../components/text-field/text-field-state.js';

/**
 * One field of the sign-in form, drawn from the form's state: the screen edits every field
 * itself, so a key typed right after tab lands in the field tab moved to, not the one before.
 */
export function SignInField({
	state,
	mask,
	focused,
}: {
	state: TextFieldState;
	mask?: string;
	focused: boolean;
}) {
	const shown = mask === undefined ? state.value : mask.repeat(state.value.length);
	if (!focused) return <Text>{shown}</Text>;
	return (
		<Text>
			{shown.slice(0, state.cursor)}
			<Text inverse>{shown[state.cursor] ?? ' '}</Text>
			{shown.slice(state.cursor + 1)}
		</Text>
	);
}
