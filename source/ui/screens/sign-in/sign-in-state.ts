import {
	editText,
	type EditKey,
	type TextFieldState,
} from '../../components/text-field/text-field-state.js';

/** The sign-in form as plain data: which field has focus, what is typed, what went wrong. */
export type SignInField = 'username' | 'password' | 'project' | 'remember';
export type TextFieldName = Exclude<SignInField, 'remember'>;

export type SignInFormState = {
	values: Record<TextFieldName, TextFieldState>;
	remember: boolean;
	fields: readonly SignInField[];
	focus: SignInField;
	status: {kind: 'editing'} | {kind: 'signing-in'} | {kind: 'failed'; message: string};
};

export type SignInAction =
	| {type: 'edit'; input: string; key: EditKey}
	| {type: 'next'}
	| {type: 'previous'}
	| {type: 'toggle-remember'}
	| {type: 'signing-in'}
	| {type: 'failed'; message: string; field?: TextFieldName};

const textFields: readonly TextFieldName[] = ['username', 'password', 'project'];

export function initialSignInState(options: {
	username: string;
	project: string;
	canRemember: boolean;
	error?: string;
}): SignInFormState {
	const field = (value: string): TextFieldState => ({value, cursor: value.length});
	const values = {
		username: field(options.username),
		password: field(''),
		project: field(options.project),
	};
	const fields: SignInField[] = [
		...textFields,
		...(options.canRemember ? ['remember' as const] : []),
	];
	return {
		values,
		remember: false,
		fields,
		focus: firstEmpty(values) ?? 'password',
		status: options.error ? {kind: 'failed', message: options.error} : {kind: 'editing'},
	};
}

export function firstEmpty(
	values: Record<TextFieldName, TextFieldState>,
): TextFieldName | undefined {
	return textFields.find((field) => values[field].value.trim() === '');
}

export function reduceSignIn(state: SignInFormState, action: SignInAction): SignInFormState {
	if (state.status.kind === 'signing-in' && action.type !== 'failed') return state;
	switch (action.type) {
		case 'edit': {
			const field = state.focus;
			if (field === 'remember') return state;
			const edited = editText(state.values[field], action.input, action.key);
			if (edited === state.values[field]) return state;
			return {...state, values: {...state.values, [field]: edited}};
		}
		case 'next':
		case 'previous': {
			const step = action.type === 'next' ? 1 : -1;
			const index = state.fields.indexOf(state.focus);
			const count = state.fields.length;
			return {...state, focus: state.fields[(index + step + count) % count] ?? state.focus};
		}
		case 'toggle-remember':
			return {...state, remember: !state.remember};
		case 'signing-in':
			return {...state, status: {kind: 'signing-in'}};
		case 'failed': {
			const field = action.field ?? state.focus;
			const values =
				field === 'password' ? {...state.values, password: {value: '', cursor: 0}} : state.values;
			return {
				...state,
				values,
				focus: field === 'remember' ? 'password' : field,
				status: {kind: 'failed', message: action.message},
			};
		}
	}
}
