import { createContext } from 'react';

export const StudioContext = createContext({ catalog: {} });
