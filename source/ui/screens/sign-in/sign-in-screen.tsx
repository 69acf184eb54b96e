import {Box, useApp} from 'ink';
import {Text} from '../../../text/screen-text.js';
import {useRef, useState, type ReactNode} from 'react';
import {Footer} from '../../components/footer.js';
import {fixedFooterKeys} from '../../components/footer-keys.js';
import {Header} from '../../components/header.js';
import {SizeGuard} from '../../components/size-guard.js';
import {useKeys} from '../../hooks/use-keys.js';
import {useTerminalSize} from '../../hooks/use-terminal-size.js';
import {commandFor} from '../../keys.js';
import type {Session} from '../../../session/session.js';
import {tone} from '../../theme.js';
import {explainSignInError} from './sign-in-errors.js';
import {SignInField} from './sign-in-field.js';
import {signInKeys} from './sign-in-keys.js';
import type {SignInRequest} from '../../../session/sign-in-request.js';
import {
	firstEmpty,
	initialSignInState,
	reduceSignIn,
	type SignInAction,
	type SignInFormState,
	type TextFieldName,
} from './sign-in-state.js';

/** Shows the sign-in screen until a session exists, then what `children` makes of it. */
export function SignInGate({
	request,
	children,
}: {
	request: SignInRequest;
	children: (session: Session) => ReactNode;
}) {
	const [session, setSession] = useState<Session>();
	if (session) return <>{children(session)}</>;
	return <SignInScreen request={request} onSignedIn={setSession} />;
}

const labels: Record<TextFieldName, string> = {
	username: 'User name',
	password: 'Password',
	project: 'Project',
};

export function SignInScreen({
	request,
	onSignedIn,
}: {
	request: SignInRequest;
	onSignedIn: (session: Session) => void;
}) {
	const {exit} = useApp();
	const {rows} = useTerminalSize();
	// Keys arriving in one chunk reach the handler before a re-render: the form lives in a ref.
	const form = useRef<SignInFormState>(
		initialSignInState({
			username: request.username,
			project: request.project,
			canRemember: 'description' in request.keyring,
			error: request.reason,
		}),
	);
	const [, rerender] = useState(0);
	const dispatch = (action: SignInAction) => {
		form.current = reduceSignIn(form.current, action);
		rerender((count) => count + 1);
	};

	const submit = () => {
		const state = form.current;
		if (state.status.kind === 'signing-in') return;
		const empty = firstEmpty(state.values);
		if (empty) {
			dispatch({
				type: 'failed',
				message: `Type your ${labels[empty].toLowerCase()}.`,
				field: empty,
			});
			return;
		}
		dispatch({type: 'signing-in'});
		request
			.submit({
				username: state.values.username.value.trim(),
				password: state.values.password.value,
				project: state.values.project.value.trim(),
				remember: state.remember,
			})
			.then(onSignedIn, (error: unknown) => {
				const problem = explainSignInError(error);
				dispatch({type: 'failed', message: problem.message, field: problem.field});
			});
	};

	useKeys((input, key) => {
		if (key.tab && key.shift) {
			dispatch({type: 'previous'});
			return;
		}
		const command = commandFor(signInKeys, input, key);
		if (command === 'quit') exit();
		else if (command === 'next' || command === 'previous') dispatch({type: command});
		else if (command === 'submit') submit();
		else if (command === 'toggle' && form.current.focus === 'remember') {
			dispatch({type: 'toggle-remember'});
		} else dispatch({type: 'edit', input, key});
	});

	const state = form.current;
	const busy = state.status.kind === 'signing-in';
	return (
		<SizeGuard>
			<Box flexDirection="column" height={rows}>
				<Header title="sign in" location={`Keystone ${request.authUrl}`} identity="not signed in" />
				<Box flexDirection="column" flexGrow={1} marginTop={1} paddingX={1}>
					<Text bold>Sign in with your CSC user name and password</Text>
					<Box flexDirection="column" marginTop={1}>
						{(['username', 'password', 'project'] as const).map((field) => (
							<Box key={field}>
								<Text color={state.focus === field ? tone('accent') : undefined}>
									{state.focus === field ? '❯ ' : '  '}
									{labels[field].padEnd(11)}
								</Text>
								<SignInField
									state={state.values[field]}
									mask={field === 'password' ? '•' : undefined}
									focused={!busy && state.focus === field}
								/>
							</Box>
						))}
						{'description' in request.keyring ? (
							<Text color={state.focus === 'remember' ? tone('accent') : undefined}>
								{state.focus === 'remember' ? '❯ ' : '  '}[{state.remember ? 'x' : ' '}] Remember
								the password in {request.keyring.description}
							</Text>
						) : (
							<Box marginTop={1}>
								<Text color={tone('muted')} wrap="wrap">
									{request.keyring.missing}
								</Text>
							</Box>
						)}
					</Box>
					<Box marginTop={1}>
						{busy ? (
							<Text color={tone('busy')}>Signing in…</Text>
						) : state.status.kind === 'failed' ? (
							<Text color={tone('bad')} wrap="wrap">
								✗ {state.status.message}
							</Text>
						) : null}
					</Box>
				</Box>
				<Footer keys={fixedFooterKeys(signInKeys)} />
			</Box>
		</SizeGuard>
	);
}
