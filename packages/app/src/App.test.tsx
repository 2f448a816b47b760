import { render, waitFor } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('renders the sign-in page', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    const rendered = render(App.createRoot());

    // The app loads its extensions before the sign-in page; on a busy CI
    // machine that takes longer than waitFor's default second.
    await waitFor(
      () => {
        expect(rendered.getByText('Enter')).toBeInTheDocument();
      },
      { timeout: 20_000 },
    );
  });
});
