import '@mantine/core/styles.css';
import '@mantine/dropzone/styles.css';
import './desk.css';
import { createRoot } from 'react-dom/client';
import { DirectionProvider, MantineProvider, createTheme, type CSSVariablesResolver } from '@mantine/core';
import { App } from './App';

const theme = createTheme({
  primaryColor: 'teal',
  // The darkest teal: white on it and it on white both pass WCAG AA contrast (axe-core checks).
  primaryShade: 9,
  // Vazirmatn-like system fonts first for Persian and Arabic; no web font is fetched.
  fontFamily: 'system-ui, "Noto Sans Arabic", "Vazirmatn", Tahoma, sans-serif',
  focusRing: 'always',
});

// Mantine's dimmed grey (descriptions, secondary text) is below WCAG AA contrast on white: one shade darker.
const resolver: CSSVariablesResolver = (t) => ({ variables: {}, light: { '--mantine-color-dimmed': t.colors.gray[7] }, dark: {} });

createRoot(document.getElementById('root')!).render(
  <DirectionProvider initialDirection="ltr">
    <MantineProvider theme={theme} cssVariablesResolver={resolver}>
      <App />
    </MantineProvider>
  </DirectionProvider>,
);
