import { render, renderHook, screen } from '@testing-library/react';
import ReadBy from 'readby';
import { createMockServer } from 'readby/mock';
import { ReadByProvider, useChat } from 'readby/react';
import { describe, expect, it } from 'vitest';

function Me() {
  return <p>{useChat().getLoginUser()}</p>;
}

describe('readby/react entry point', () => {
  it('useChat returns the chat of the provider', () => {
    const chat = ReadBy.create({ transport: createMockServer().connect('alice') });
    render(
      <ReadByProvider chat={chat}>
        <Me />
      </ReadByProvider>,
    );
    expect(screen.getByText('alice')).toBeInTheDocument();
    chat.destroy();
  });

  it('useChat outside the provider throws an error that names ReadByProvider', () => {
    expect(() => renderHook(() => useChat())).toThrow(
      'useChat must be used inside <ReadByProvider chat={chat}>.',
    );
  });
});
