# twinnet check example: the course 2 week 1 regularization notebook (L2 part) (base correct.py) with compute_cost_with_regularization summing the weights, not their squares
# model: notebook c2w1-regularization
# bug: compute_cost_with_regularization uses np.sum(W1) + np.sum(W2) + np.sum(W3) instead of the sums of the squares
# expect: compute_cost_with_regularization wrong: L2 term sums the weights instead of their squares

# In[1]:


import numpy as np
import matplotlib.pyplot as plt
import sklearn
import sklearn.datasets
import scipy.io
from reg_utils import sigmoid, relu, plot_decision_boundary, initialize_parameters, load_2D_dataset, predict_dec
from reg_utils import compute_cost, predict, forward_propagation, backward_propagation, update_parameters
from testCases import *
from public_tests import *

plt.rcParams['figure.figsize'] = (7.0, 4.0)
plt.rcParams['image.interpolation'] = 'nearest'
plt.rcParams['image.cmap'] = 'gray'


# In[2]:


# where the goalkeeper kicked the ball and who headed it
train_X, train_Y, test_X, test_Y = load_2D_dataset()


# In[3]:


# GRADED FUNCTION: compute_cost_with_regularization

def compute_cost_with_regularization(A3, Y, parameters, lambd):
    """
    Cross-entropy cost plus the L2 penalty lambd / (2 m) * (sum of the squared weights).

    A3 -- sigmoid output, shape (1, number of examples)
    Y -- labels, shape (1, number of examples)
    parameters -- dict with W1, b1, W2, b2, W3, b3
    lambd -- the regularization strength

    Returns:
    cost -- the regularized cost
    """
    m = Y.shape[1]
    W1 = parameters["W1"]
    W2 = parameters["W2"]
    W3 = parameters["W3"]

    cross_entropy_cost = compute_cost(A3, Y) # the cross-entropy part, from reg_utils

    # YOUR CODE STARTS HERE
    L2_regularization_cost = lambd / (2 * m) * (np.sum(W1) + np.sum(W2) + np.sum(W3))
    # YOUR CODE ENDS HERE

    cost = cross_entropy_cost + L2_regularization_cost

    return cost


# In[4]:


A3, t_Y, parameters = compute_cost_with_regularization_test_case()
cost = compute_cost_with_regularization(A3, t_Y, parameters, lambd=0.1)
print("cost = " + str(cost))

compute_cost_with_regularization_test(compute_cost_with_regularization)


# In[5]:


# GRADED FUNCTION: backward_propagation_with_regularization

def backward_propagation_with_regularization(X, Y, cache, lambd):
    """
    Backward pass of LINEAR->RELU->LINEAR->RELU->LINEAR->SIGMOID with the L2 term added to each dW.

    X -- inputs, shape (input size, number of examples)
    Y -- labels, shape (output size, number of examples)
    cache -- (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) from forward_propagation()
    lambd -- the regularization strength

    Returns:
    gradients -- dict with the gradients of every parameter, activation and pre-activation
    """

    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache

    dZ3 = A3 - Y
    # YOUR CODE STARTS HERE
    dW3 = 1. / m * np.dot(dZ3, A2.T) + (lambd / m) * W3
    # YOUR CODE ENDS HERE
    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)

    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    # YOUR CODE STARTS HERE
    dW2 = 1. / m * np.dot(dZ2, A1.T) + (lambd / m) * W2
    # YOUR CODE ENDS HERE
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)

    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    # YOUR CODE STARTS HERE
    dW1 = 1. / m * np.dot(dZ1, X.T) + (lambd / m) * W1
    # YOUR CODE ENDS HERE
    db1 = 1. / m * np.sum(dZ1, axis=1, keepdims=True)

    gradients = {"dZ3": dZ3, "dW3": dW3, "db3": db3,"dA2": dA2,
                 "dZ2": dZ2, "dW2": dW2, "db2": db2, "dA1": dA1,
                 "dZ1": dZ1, "dW1": dW1, "db1": db1}

    return gradients


# In[6]:


t_X, t_Y, cache = backward_propagation_with_regularization_test_case()

grads = backward_propagation_with_regularization(t_X, t_Y, cache, lambd = 0.7)
print ("dW1 = \n"+ str(grads["dW1"]))
print ("dW2 = \n"+ str(grads["dW2"]))
print ("dW3 = \n"+ str(grads["dW3"]))

backward_propagation_with_regularization_test(backward_propagation_with_regularization)
