// A postal address as the API takes it: a customer's billing address, a
// billing entity's address. Every part is optional.
import { Type } from "typebox";
import { ListedCountryCode } from "./schemas.ts";
import { StrictObject } from "./validation.ts";

/** The parts of an address other than its country, for an answer's schema to add the country its own way. */
export const AddressLineFields = {
  line1: Type.Optional(Type.String({ maxLength: 200 })),
  line2: Type.Optional(Type.String({ maxLength: 200 })),
  city: Type.Optional(Type.String({ maxLength: 100 })),
  postal_code: Type.Optional(Type.String({ maxLength: 20 })),
  state: Type.Optional(Type.String({ maxLength: 100 })),
};

/** An address in a body: a country that the code list knows is checked on the way in. */
export const AddressInput = StrictObject({ ...AddressLineFields, country: Type.Optional(ListedCountryCode) });
