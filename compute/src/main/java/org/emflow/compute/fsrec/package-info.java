/**
 * PyFSRec focal-series exit-wave reconstruction (spec ../shared/specs/pyfsrec.md; user notes in
 * docs/fsrec.md).
 *
 * <p>Entry points for the node and CLI layer: {@link org.emflow.compute.fsrec.FsrParameters#read} or
 * {@link org.emflow.compute.fsrec.FsrParameters#fromMap} for the parameters,
 * {@link org.emflow.compute.fsrec.FsrecOptions} for the command-line switches, and
 * {@link org.emflow.compute.fsrec.FsrecRunner#run} which writes the output files and returns a
 * {@link org.emflow.compute.fsrec.FsrecResult}. Conventions (FFT layout and normalisation, shift signs,
 * axis order) are fixed once in {@link org.emflow.compute.fsrec.FourierConvention}.
 *
 * <p>Pipeline: {@link org.emflow.compute.fsrec.FocalSeries} (images and displacements) -&gt;
 * {@link org.emflow.compute.fsrec.PreAligner} -&gt; {@link org.emflow.compute.fsrec.LinearReconstruction}
 * (align to simulations, Schiske back-projection, forward simulation) -&gt; optionally
 * {@link org.emflow.compute.fsrec.StepAnalysis} and {@link org.emflow.compute.fsrec.Autofocus}.
 */
package org.emflow.compute.fsrec;
