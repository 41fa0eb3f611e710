"""Alliance network: initiatives and endorsements, UN voting alignment, crisis formats, consensus.

Modules (each with its own docstring and references):

==================  ==========================================================================
``initiatives``     initiatives, endorsements (state or organisation; signed / endorsed /
                    supports), published endorser counts, Alliance membership, timelines,
                    the endorsements download
``seed``            the ``detente init`` step loading ``data/alliance/`` (six initiatives,
                    the real Paris Call supporters, Alliance members)
``voting``          Voeten agreement and S-score for every pair of states (NumPy matrix
                    products), by year range and issue; who votes with whom
``mediators``       states and organisations named as third parties in PA-X agreements
``formats``         inclusive crisis formats with reasons and scores; recall at k on
                    documented historical formats
``consensus``       draft texts in versions, positions per paragraph, silence procedures,
                    closing-soon notices, history
``groups``          opinion groups (PCA + k-means over votes and endorsements), consensus and
                    divisive items
==================  ==========================================================================
"""
