import {Box, useApp} from 'ink';
import {useCallback, useState, type ReactNode} from 'react';
import {Footer} from './ui/components/footer.js';
import {Header} from './ui/components/header.js';
import {Help} from './ui/components/help.js';
import {SizeGuard} from './ui/components/size-guard.js';
import {useTerminalSize} from './ui/hooks/use-terminal-size.js';
import {KeyCaptureContext} from './ui/key-capture.js';
import {commandFor, globalKeys, type KeyBinding} from './ui/keys.js';
import {navigate, type Navigator, type Screen} from './ui/navigation.js';
import {screenFor} from './ui/screens/registry.js';
import {SessionContext, type Session} from './ui/session.js';
import {KeyDispatcher, KeysPaused, useKeys} from './ui/hooks/use-keys.js';
import {RenewSignIn, renewKeys} from './ui/screens/sign-in/renew-sign-in.js';
import {useRenewalRequest} from './ui/hooks/use-renewal-request.js';

export type AppProps = {session: Session; initialScreens?: Screen[]};

export function App(props: AppProps) {
	return (
		<KeyDispatcher>
			<Shell {...props} />
		</KeyDispatcher>
	);
}

/** The frame every screen shares: header, body, footer, help, and the global keys. */
function Shell({session, initialScreens = [{name: 'role'}]}: AppProps) {
	const {exit} = useApp();
	const [stack, setStack] = useState<Screen[]>(initialScreens);
	const [helpOpen, setHelpOpen] = useState(false);
	const [captures, setCaptures] = useState(0);
	const acquireCapture = useCallback(() => {
		setCaptures((count) => count + 1);
		let held = true;
		return () => {
			if (held) setCaptures((count) => count - 1);
			held = false;
		};
	}, []);
	const {rows} = useTerminalSize();
	const go: Navigator = useCallback(
		(action) => setStack((current) => navigate(current, action)),
		[],
	);
	const screen = stack.at(-1) ?? {name: 'role'};
	const view = screenFor(screen);
	const renewal = useRenewalRequest(session);
	const capturing = captures > 0 || renewal !== undefined;

	useKeys((input, key) => {
		const command = commandFor(globalKeys, input, key);
		if (command === 'quit' && (!capturing || key.ctrl)) exit();
		if (capturing) return;
		if (command === 'help') setHelpOpen((open) => !open);
		if (command === 'back') {
			if (helpOpen) setHelpOpen(false);
			else go({type: 'pop'});
		}
	});

	const bindings: ReadonlyArray<KeyBinding> = renewal
		? renewKeys
		: [...view.bindings, ...globalKeys];
	return (
		<SessionContext.Provider value={session}>
			<KeyCaptureContext.Provider value={acquireCapture}>
				<SizeGuard>
					<Box flexDirection="column" height={rows}>
						<Header
							title={view.title}
							location={session.location}
							identity={`as ${session.user}`}
						/>
						<Box flexDirection="column" flexGrow={1} marginTop={1} overflow="hidden">
							{renewal ? <RenewSignIn request={renewal} /> : null}
							{helpOpen ? (
								<Help
									sections={[
										{title: view.title, bindings: view.bindings},
										{title: 'Everywhere', bindings: globalKeys},
									]}
								/>
							) : (
								// Hidden, not unmounted, while the password is asked: its transfers go on.
								<Box display={renewal ? 'none' : 'flex'} flexDirection="column">
									<KeysPaused paused={renewal !== undefined}>
										<ScreenBody>{view.render({navigate: go, isActive: !renewal})}</ScreenBody>
									</KeysPaused>
								</Box>
							)}
						</Box>
						<Footer bindings={bindings} />
					</Box>
				</SizeGuard>
			</KeyCaptureContext.Provider>
		</SessionContext.Provider>
	);
}

function ScreenBody({children}: {children: ReactNode}) {
	return <Box flexDirection="column">{children}</Box>;
}
