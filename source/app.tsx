import {Box, useApp} from 'ink';
import {Text} from './text/screen-text.js';
import {useCallback, useEffect, useRef, useState, type ReactNode} from 'react';
import type {Session} from './session/session.js';
import {Confirm} from './ui/components/confirm.js';
import {Footer} from './ui/components/footer.js';
import {Header} from './ui/components/header.js';
import {Help} from './ui/components/help.js';
import {fits, TooSmall} from './ui/components/size-guard.js';
import type {Keymap} from './ui/hooks/key-router.js';
import {useClaims} from './ui/hooks/use-claims.js';
import {FlashContext, useKeymap} from './ui/hooks/use-keymap.js';
import {KeyDispatcher, KeyLayer, useKeyRouter} from './ui/hooks/use-keys.js';
import {useRenewalRequest} from './ui/hooks/use-renewal-request.js';
import {LayoutSizeContext, useWindowSize, type TerminalSize} from './ui/hooks/use-terminal-size.js';
import {globalKeys} from './ui/keys.js';
import {navigate, type Navigator, type Screen} from './ui/navigation.js';
import {screenFor} from './ui/screens/registry.js';
import {RenewSignIn} from './ui/screens/sign-in/renew-sign-in.js';
import {SessionContext} from './ui/session.js';
import {ScreenStack} from './ui/shell/screen-stack.js';
import {readFooterKeys, useFooterKeys} from './ui/shell/use-footer-keys.js';
import {tone} from './ui/theme.js';
import {TransferGuardContext} from './ui/transfer-guard.js';
import {UnsavedGuardContext} from './ui/unsaved-guard.js';

export type AppProps = {session: Session; initialScreens?: Screen[]};

/** How long a refused key's reason stays, unless a key comes first. */
const flashMs = 8000;

export function App(props: AppProps) {
	const [flash, setFlash] = useState<string>();
	useEffect(() => {
		if (flash === undefined) return undefined;
		const timer = setTimeout(() => setFlash(undefined), flashMs);
		return () => clearTimeout(timer);
	}, [flash]);
	return (
		<KeyDispatcher onKey={() => setFlash(undefined)}>
			<FlashContext.Provider value={setFlash}>
				<Shell {...props} flash={flash} />
			</FlashContext.Provider>
		</KeyDispatcher>
	);
}

/** The frame every screen shares: header, the screens, the footer, and what goes over them. */
function Shell({session, initialScreens = [{name: 'role'}], flash}: AppProps & {flash?: string}) {
	const {exit} = useApp();
	const [stack, setStack] = useState<Screen[]>(initialScreens);
	const go: Navigator = useCallback(
		(action) => setStack((current) => navigate(current, action)),
		[],
	);
	const window = useWindowSize();
	const roomy = fits(window);
	const layout = useLastFitting(window, roomy);
	const renewal = useRenewalRequest(session);
	const router = useKeyRouter();
	const [help, setHelp] = useState<readonly Keymap[]>();
	// What would be lost by quitting now: running transfers and forms with typed work.
	const [transfers, claimTransfer] = useClaims<string>();
	const [unsaved, claimUnsaved] = useClaims<string>();
	const [quitAsked, setQuitAsked] = useState(false);
	const holding = transfers.length + unsaved.length > 0;
	const askingToQuit = quitAsked && holding;
	useEffect(() => {
		if (!holding) setQuitAsked(false);
	}, [holding]);
	const quit = () => (holding ? setQuitAsked(true) : exit());

	useKeymap(
		globalKeys,
		(command) => {
			if (command === 'quit') quit();
			if (command === 'help') setHelp(readFooterKeys(router).keymaps);
			if (command === 'back') go({type: 'pop'});
		},
		{title: 'everywhere'},
	);

	const question = askingToQuit ? (
		<Confirm
			question={quitQuestion(transfers, unsaved)}
			onAnswer={(yes) => (yes ? exit() : setQuitAsked(false))}
		/>
	) : null;
	const covered = renewal !== undefined || help !== undefined || !roomy;
	const bodyRows = layout.rows - 4;
	return (
		<SessionContext.Provider value={session}>
			<TransferGuardContext.Provider value={claimTransfer}>
				<UnsavedGuardContext.Provider value={claimUnsaved}>
					<LayoutSizeContext.Provider value={layout}>
						{roomy ? null : (
							<KeyLayer at={10}>
								<TooSmall size={window}>{question}</TooSmall>
							</KeyLayer>
						)}
						<Box display={roomy ? 'flex' : 'none'} flexDirection="column" height={layout.rows}>
							<Header
								title={screenFor(stack.at(-1) ?? {name: 'role'}).title}
								location={session.location}
								identity={`as ${session.user}`}
							/>
							<FlashLine text={flash} />
							<Box flexDirection="column" flexGrow={1} overflowY="hidden">
								<KeyLayer at={10}>
									{roomy ? question : null}
									{renewal ? <RenewSignIn request={renewal} /> : null}
									{help && !renewal ? (
										<Help keymaps={help} height={bodyRows} onClose={() => setHelp(undefined)} />
									) : null}
								</KeyLayer>
								{/* Hidden, not unmounted, under help or the password prompt: transfers go on. */}
								<Box display={covered ? 'none' : 'flex'} flexDirection="column">
									<ScreenStack stack={stack} navigate={go} active={!covered && !askingToQuit} />
								</Box>
							</Box>
							<RouterFooter />
						</Box>
					</LayoutSizeContext.Provider>
				</UnsavedGuardContext.Provider>
			</TransferGuardContext.Provider>
		</SessionContext.Provider>
	);
}

/** The footer, following the key router on its own: a change redraws it alone. */
function RouterFooter(): ReactNode {
	return <Footer keys={useFooterKeys()} />;
}

/** The line under the header: a refused key's reason, until the next key. */
function FlashLine({text}: {text?: string}): ReactNode {
	return (
		<Text color={tone('warning')} wrap="truncate-end">
			{text ?? ' '}
		</Text>
	);
}

/** The size screens are laid out for: the terminal's, or while it is too small the last that fitted. */
function useLastFitting(size: TerminalSize, roomy: boolean): TerminalSize {
	const last = useRef(roomy ? size : {columns: 80, rows: 24});
	if (roomy && (last.current.columns !== size.columns || last.current.rows !== size.rows))
		last.current = size;
	return last.current;
}

function quitQuestion(transfers: readonly string[], unsaved: readonly string[]): string {
	if (transfers.length === 0) return 'Discard this request? y/n';
	const running = `${transfers.join('; ')} is still running.`;
	const lost = unsaved.length > 0 ? ' The request being written is discarded.' : '';
	return `${running} Quit now? What has arrived is kept, and doing the same again resumes from there.${lost}`;
}
