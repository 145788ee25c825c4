import '@mantine/core/styles.css';
import { Anchor, type CSSVariablesResolver, createTheme, MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './app';
import { SessionProvider } from './session';

// Shade 8 of blue on white (and white on it) keeps text contrast above WCAG AA's 4.5:1; links in
// text are underlined, so they do not rely on colour alone.
const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'md',
  components: { Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }) },
});

// Mantine's "dimmed" grey (field descriptions) is below 4.5:1 on both backgrounds: one shade darker
// on light, one lighter on dark.
const contrast: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: { '--mantine-color-dimmed': 'var(--mantine-color-dark-1)' },
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={contrast} defaultColorScheme="auto">
        <BrowserRouter>
          <SessionProvider>
            <App />
          </SessionProvider>
        </BrowserRouter>
      </MantineProvider>
    </StrictMode>,
  );
}
