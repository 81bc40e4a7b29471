import type { Preview } from '@storybook/react-vite';
import 'readby/styles.css';

const preview: Preview = {
  tags: ['autodocs'],
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
