/** A gvfs MTP host name as GNOME writes it: vendor 091e (Garmin), product, serial. */
export const GVFS_HOST = 'mtp:host=091e_4f42_0000c8a4b2d5';
