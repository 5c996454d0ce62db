export { openStore, type OwnedStore, type StoreKinds } from "./open-store";
