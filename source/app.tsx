import {Box, useApp} from 'ink';
import {useCallback, useEffect, useState, type ReactNode} from 'react';
import {Footer} from './ui/components/footer.js';
import {Header} from './ui/components/header.js';
import {Help} from './ui/components/help.js';
import {SizeGuard} from './ui/components/size-guard.js';
import {useTerminalSize} from './ui/hooks/use-terminal-size.js';
import {KeyCaptureContext} from './ui/key-capture.js';
import {TransferGuardContext} from './ui/transfer-guard.js';
import {Confirm} from './ui/components/confirm.js';
import {commandFor, globalKeys, typingGlobalKeys, type KeyBinding} from './ui/keys.js';
import {navigate, type Navigator, type Screen} from './ui/navigation.js';
import {screenFor} from './ui/screens/registry.js';
import type {Session} from './session/session.js';
import {SessionContext} from './ui/session.js';
import {KeyDispatcher, KeysPaused, useKeys} from './ui/hooks/use-keys.js';
import {useClaims} from './ui/hooks/use-claims.js';
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
	const [captures, claimCapture] = useClaims<'typing'>();
	const acquireCapture = useCallback(() => claimCapture('typing'), [claimCapture]);
	const {rows} = useTerminalSize();
	const go: Navigator = useCallback(
		(action) => setStack((current) => navigate(current, action)),
		[],
	);
	const screen = stack.at(-1) ?? {name: 'role'};
	const view = screenFor(screen);
	const renewal = useRenewalRequest(session);
	// What each running upload or download is doing, in words.
	const [transfers, claimTransfer] = useClaims<string>();
	const [quitAsked, setQuitAsked] = useState(false);
	// Asked only while a transfer still runs: one that ends meanwhile withdraws the question.
	const askingToQuit = quitAsked && transfers.length > 0;
	useEffect(() => {
		if (transfers.length === 0) setQuitAsked(false);
	}, [transfers.length]);
	// A prompt over the screen: the screen's keys wait, and the global ones step aside.
	const prompting = renewal !== undefined || askingToQuit;
	const capturing = captures.length > 0;

	useKeys((input, key) => {
		const command = commandFor(globalKeys, input, key);
		if (command === 'quit' && (!(capturing || prompting) || key.ctrl)) {
			// A running transfer would resume next time, but on a slow link that can cost hours.
			if (transfers.length > 0 && !askingToQuit) setQuitAsked(true);
			else exit();
			return;
		}
		if (capturing || prompting) return;
		if (command === 'help') setHelpOpen((open) => !open);
		if (command === 'back') {
			if (helpOpen) setHelpOpen(false);
			else go({type: 'pop'});
		}
	});

	const bindings: ReadonlyArray<KeyBinding> = renewal
		? renewKeys
		: [...view.bindings, ...(capturing ? typingGlobalKeys : globalKeys)];
	return (
		<SessionContext.Provider value={session}>
			<KeyCaptureContext.Provider value={acquireCapture}>
				<TransferGuardContext.Provider value={claimTransfer}>
					<SizeGuard>
						<Box flexDirection="column" height={rows}>
							<Header
								title={view.title}
								location={session.location}
								identity={`as ${session.user}`}
							/>
							<Box flexDirection="column" flexGrow={1} marginTop={1} overflow="hidden">
								{renewal ? <RenewSignIn request={renewal} /> : null}
								{askingToQuit ? (
									<Confirm
										question={`${transfers.join('; ')} is still running. Quit now? What has arrived is kept, and doing the same again resumes from there.`}
										onAnswer={(quit) => (quit ? exit() : setQuitAsked(false))}
									/>
								) : null}
								{helpOpen ? (
									<Help
										sections={[
											{title: view.title, bindings: view.bindings},
											{title: 'Everywhere', bindings: globalKeys},
										]}
									/>
								) : null}
								{/* Hidden, not unmounted, under help or the password prompt: its transfers go on. */}
								<Box display={renewal || helpOpen ? 'none' : 'flex'} flexDirection="column">
									<KeysPaused paused={prompting || helpOpen}>
										<ScreenBody>
											{view.render({navigate: go, isActive: !prompting && !helpOpen})}
										</ScreenBody>
									</KeysPaused>
								</Box>
							</Box>
							<Footer bindings={bindings} />
						</Box>
					</SizeGuard>
				</TransferGuardContext.Provider>
			</KeyCaptureContext.Provider>
		</SessionContext.Provider>
	);
}

function ScreenBody({children}: {children: ReactNode}) {
	return <Box flexDirection="column">{children}</Box>;
}
