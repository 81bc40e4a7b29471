import type { Preview } from '@storybook/react-vite';
import 'readby/styles.css';
import './preview.css';
import { checkAccessibility } from './checkAccessibility';

const preview: Preview = {
  tags: ['autodocs'],
  // When stories run as tests, each one is checked with axe in the light and the dark theme once its play is done.
  async afterEach({ canvasElement }) {
    if (import.meta.env.MODE === 'test') await checkAccessibility(canvasElement);
  },
  parameters: {
    controls: { matchers: { color: /(background|color)$/i } },
    layout: 'padded',
    options: {
      storySort: {
        order: [
          'Introduction',
          'Components',
          ['ReadByBadge', 'ReaderList', 'ReadReceiptPanel'],
          'Scenarios',
          [
            'Live group chat',
            'One-to-one chat',
            'Slow and lossy network',
            'Custom hook recipe',
            'Theming',
            'Locales',
          ],
        ],
      },
    },
  },
};

export default preview;
