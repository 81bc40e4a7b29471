import type { Preview } from '@storybook/react-vite';
import 'readby/styles.css';

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    controls: { matchers: { color: /(background|color)$/i } },
    layout: 'padded',
  },
};

export default preview;
