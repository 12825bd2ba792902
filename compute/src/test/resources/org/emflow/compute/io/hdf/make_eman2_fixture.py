#!/usr/bin/python3
"""Writes eman2-stack.hdf: three 8x8 float32 images in EMAN2's HDF5 layout (libEM/io/hdfio2.cpp): datasets
/MDF/images/N/image (ny, nx), attributes on the group /MDF/images/N: EMAN.xform.projection as EMAN2 stores a
Transform (a compound of 12 floats "00".."23": the 3x4 matrix [R | t]), EMAN.apix_x, and on /MDF/images the
attribute imageid_max. R is SPIDER's R(phi, theta, psi) = Rz(psi) Ry(theta) Rz(phi); t the translation.
Made with Debian's python3-h5py: /usr/bin/python3 make_eman2_fixture.py"""
import h5py
import numpy as np

POSES = [(30.0, 60.0, -20.0, 1.5, -0.5), (0.0, 0.0, 0.0, 0.0, 0.0), (-100.0, 120.0, 75.0, -2.25, 3.0)]


def rz(a):
    c, s = np.cos(np.radians(a)), np.sin(np.radians(a))
    return np.array([[c, s, 0], [-s, c, 0], [0, 0, 1]])


def ry(a):
    c, s = np.cos(np.radians(a)), np.sin(np.radians(a))
    return np.array([[c, 0, -s], [0, 1, 0], [s, 0, c]])


names = ["%d%d" % (i, j) for i in range(3) for j in range(4)]
xform = np.dtype([(n, "<f4") for n in names])
with h5py.File("eman2-stack.hdf", "w") as f:
    images = f.create_group("MDF/images")
    images.attrs["imageid_max"] = np.int32(len(POSES) - 1)
    for k, (phi, theta, psi, tx, ty) in enumerate(POSES):
        g = images.create_group(str(k))
        data = (np.arange(64, dtype="<f4").reshape(8, 8) + 100 * k).astype("<f4")
        g.create_dataset("image", data=data)
        r = rz(psi) @ ry(theta) @ rz(phi)
        m = np.hstack([r, np.array([[tx], [ty], [0.0]])]).astype("<f4").reshape(12)
        rec = np.zeros(1, dtype=xform)
        for n, v in zip(names, m):
            rec[n] = v
        g.attrs.create("EMAN.xform.projection", rec, dtype=xform)
        g.attrs["EMAN.apix_x"] = np.float32(2.5)
